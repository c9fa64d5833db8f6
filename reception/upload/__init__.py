"""The upload queue: a transactional outbox drained to the province's dossier system.

``outbox`` keeps the jobs in the local database, ``record`` builds the national sync
record, ``uploader`` is the interface the protocol sits behind (``http_uploader`` speaks
the documented HTTP protocol), ``dispatcher`` moves one job at a time from queued to sent.
"""
