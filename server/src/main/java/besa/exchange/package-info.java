/**
 * Partner exchange between Besa nodes (docs/exchange.md): partners and agreements ({@code partner}),
 * the node's keys and certificates ({@code node}), signed and encrypted envelopes and receipts
 * ({@code envelope}), and store-and-forward delivery over mutual TLS with an idempotent inbox
 * ({@code transport}). Other modules use {@link besa.exchange.Exchange} to send.
 */
package besa.exchange;
