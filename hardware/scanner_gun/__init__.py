"""Handheld QR scanner guns in serial (virtual COM) mode.

Guns in keyboard-wedge mode need no driver: they type, and the window recognises their
bursts (``ui.gui.scanner_wedge``).
"""
