"""Digitising dossier components: one searchable PDF/A per component, kept for reuse."""
