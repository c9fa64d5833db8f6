"""Personal data as Luật 91/2025/QH15 and Nghị định 356/2025/NĐ-CP ask.

The processing log (who read, saw, saved, printed, exported, uploaded, reused or purged
whose data, and who signed in), clerk accounts and their sign-in, the fields a procedure
keeps, the register of data subjects' requests and the "what this counter holds" export.
Imports only the standard library, ``sqlite_utils``, argon2 (in :mod:`password_hash`) and
other domain packages.
"""
