"""A development server for the upload protocol (``reception dev-server``), for demos
and tests: files to disk, dossiers in SQLite, and switches that inject faults."""
