package besa.bench.ledger;

import java.nio.charset.StandardCharsets;

/** Synthetic audit events of a realistic size (about 200 bytes of JSON), made on the fly. */
final class Events {

    private Events() {
    }

    static byte[] event(long index) {
        return ("{\"index\":" + index + ",\"at\":\"2026-11-23T16:40:00.123Z\",\"who\":\"officer-" + (index % 9973)
                + "\",\"action\":\"VIEW_PERSON\",\"what\":\"person/" + (index * 7919 % 1_000_003)
                + "\",\"why\":\"case OP-2026-0147: link analysis\",\"to\":null,\"outcome\":\"OK\"}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
