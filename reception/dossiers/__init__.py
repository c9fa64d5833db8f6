"""Dossiers at the counter: applicants, components, codes, and their tables.

The only code that reads and writes the dossier tables. May import identity, procedures,
storage and workstation.
"""
