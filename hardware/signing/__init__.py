"""Signing devices: PKCS#11 tokens (a clerk's or an agency's USB token) and the simulated one."""
