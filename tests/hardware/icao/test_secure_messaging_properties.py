"""Property tests: secure messaging round-trips for every APDU case, short and extended."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from hardware.icao.apdu import Apdu
from hardware.icao.errors import SecureMessagingError
from hardware.icao.keys import Cipher, SessionKeys
from hardware.icao.secure_messaging import ChipSecureMessaging, SecureMessaging
from tests.strategies import large_binary

ciphers = st.sampled_from([Cipher.TDES, Cipher.AES_128, Cipher.AES_192, Cipher.AES_256])


@st.composite
def session_keys(draw: st.DrawFn) -> SessionKeys:
    cipher = draw(ciphers)
    length = cipher.key_length
    ssc_bits = 8 * cipher.block_size
    return SessionKeys(
        cipher,
        draw(st.binary(min_size=length, max_size=length)),
        draw(st.binary(min_size=length, max_size=length)),
        # Include counters about to wrap around.
        draw(st.one_of(st.integers(0, 2**ssc_bits - 1), st.just(2**ssc_bits - 1))),
    )


commands = st.builds(
    Apdu,
    # Plain commands: CLA without the secure messaging bits.
    cla=st.sampled_from([0x00, 0x10, 0x80, 0x90]),
    ins=st.integers(0, 255),
    p1=st.integers(0, 255),
    p2=st.integers(0, 255),
    # Cases 1-4: no data or data up to extended lengths; no Le, short or extended Le.
    data=st.one_of(st.just(b""), st.binary(max_size=600), large_binary(3000, 5000)),
    ne=st.one_of(st.none(), st.integers(1, 256), st.integers(257, 65536)),
    extended=st.booleans(),
)
status_words = st.one_of(st.just(0x9000), st.integers(0x6100, 0x6FFF))


@settings(max_examples=150, deadline=None)
@given(session_keys(), st.lists(st.tuples(commands, st.binary(max_size=1200), status_words)))
def test_commands_and_responses_round_trip(
    keys: SessionKeys, exchanges: list[tuple[Apdu, bytes, int]]
) -> None:
    terminal, chip = SecureMessaging(keys), ChipSecureMessaging(keys)
    for command, response, sw in exchanges:
        protected = terminal.wrap(command)
        # What goes on the wire parses back to the same protected APDU.
        assert Apdu.parse(protected.encode()).encode() == protected.encode()
        opened = chip.unwrap_command(Apdu.parse(protected.encode()))
        assert (opened.header, opened.data, opened.ne) == (command.header, command.data, command.ne)
        assert terminal.unwrap(*chip.wrap_response(response, sw)) == (response, sw)
        assert terminal.ssc == chip.ssc


@settings(max_examples=100, deadline=None)
@given(session_keys(), commands, st.binary(min_size=1, max_size=300), st.data())
def test_any_flipped_bit_in_a_protected_response_is_refused(
    keys: SessionKeys, command: Apdu, response: bytes, data: st.DataObject
) -> None:
    terminal, chip = SecureMessaging(keys), ChipSecureMessaging(keys)
    chip.unwrap_command(terminal.wrap(command))
    protected, sw = chip.wrap_response(response, 0x9000)
    index = data.draw(st.integers(0, len(protected) - 1))
    bit = data.draw(st.integers(0, 7))
    tampered = bytearray(protected)
    tampered[index] ^= 1 << bit
    try:
        result = terminal.unwrap(bytes(tampered), sw)
    except SecureMessagingError:
        return
    raise AssertionError(f"tampered response accepted: {result!r}")


@settings(max_examples=100, deadline=None)
@given(session_keys(), commands, st.data())
def test_any_flipped_bit_in_a_protected_command_is_refused(
    keys: SessionKeys, command: Apdu, data: st.DataObject
) -> None:
    terminal, chip = SecureMessaging(keys), ChipSecureMessaging(keys)
    protected = terminal.wrap(command)
    raw = bytearray(protected.header + protected.data)
    index = data.draw(st.integers(0, len(raw) - 1))
    raw[index] ^= 1 << data.draw(st.integers(0, 7))
    tampered = Apdu(raw[0], raw[1], raw[2], raw[3], bytes(raw[4:]), protected.ne)
    try:
        chip.unwrap_command(tampered)
    except SecureMessagingError:
        return
    raise AssertionError("tampered command accepted")
