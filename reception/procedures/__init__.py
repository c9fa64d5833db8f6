"""The procedure catalogue, and the working calendar that dates appointments.

May import :mod:`reception.workstation` and :mod:`reception.storage`.
"""
