"""Reception: counter reception for Vietnamese one-stop service centres — the domain.

One sub-package per capability: ``identity`` (ID number rules, written dates), ``intake``
(QR payloads and chip readings become a ``CitizenIdentity``), ``procedures`` (catalogue,
working calendar), ``dossiers`` (the only code that reads and writes dossier tables),
``forms``, ``digitising``, ``upload``, ``storage`` (the SQLite database), ``privacy`` and
``workstation`` (configuration); ``warning`` and ``errors`` serve them all.

Layers: ``ui`` depends on ``reception``, which depends only on the interfaces of
``hardware``; ``reception`` never imports Qt widgets or ``ui`` (``__main__``, the
launcher, is the one exception). See ``docs/architecture.md``.
"""

__version__ = "0.1.0"
