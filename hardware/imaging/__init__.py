"""Image processing (OpenCV): QR preprocessing and generated scenes, image and PDF files,
document capture."""
