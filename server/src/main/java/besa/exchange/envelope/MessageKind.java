package besa.exchange.envelope;

/** What a message is for. */
public enum MessageKind {
    REQUEST,
    REPLY,
    INFORMATION,
    HIT_QUERY,
    HIT_ANSWER,
    RECEIPT
}
