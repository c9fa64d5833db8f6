"""ICAO 9303 protocol core: APDUs, access protocols (BAC, PACE) and secure messaging.

Every module here is pure protocol logic over :class:`hardware.card.connection.CardConnection`
and byte strings; the card side of each protocol is provided too, so a simulated chip
answers with the same code and the same cryptography as the terminal expects.
"""
