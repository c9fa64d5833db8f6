"""Storage: the one way to open the database (SQLCipher, its key, backups, migrations),
the sealed documents folder, and atomic file replacement.

Imports the standard library, one vendor binding per module (SQLCipher, keyring,
cryptography), :mod:`hardware.input_files`, :mod:`reception.errors` and
:mod:`reception.limits`.
"""
