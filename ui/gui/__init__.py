"""The Qt window. Everything here runs on the GUI thread except the workers."""
