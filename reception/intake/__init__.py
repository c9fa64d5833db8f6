"""Intake of identity readings: QR payloads and ID card chips into an identity.

May import :mod:`reception.identity`, :mod:`reception.workstation` and the interfaces of
``hardware``.
"""
