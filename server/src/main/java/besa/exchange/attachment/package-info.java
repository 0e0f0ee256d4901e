/**
 * Attachments of partner messages (docs/exchange.md, "Attachments"): streamed to disk, encrypted in
 * chunks under a fresh key per file ({@link besa.exchange.attachment.ChunkedCipher}), described with
 * their hashes and key inside the signed, encrypted message, uploaded to the partner before the
 * message, and checked by the receiver before it accepts the message.
 */
package besa.exchange.attachment;
