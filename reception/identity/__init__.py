"""The citizen's identity and the rules of ID numbers and card validity.

Imports only the standard library and :mod:`reception.errors`.
"""
