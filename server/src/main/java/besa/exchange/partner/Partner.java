package besa.exchange.partner;

/**
 * A partner node: its agency, country (ISO 3166 alpha-2), the base URL of its exchange endpoint
 * ({@code https://host:port}) and a contact point. Certificates and keys are registered apart.
 */
public record Partner(String id, String agency, String country, String baseUrl, String contact, boolean active) {
    public Partner {
        if (id == null || !id.matches("[a-z0-9][a-z0-9._-]{0,62}")) {
            throw new IllegalArgumentException("partner id: lower-case letters, digits, '.', '_' or '-' (got '" + id + "')");
        }
        if (agency == null || agency.isBlank()) throw new IllegalArgumentException("partner " + id + ": agency is required");
        if (country == null || !country.matches("[A-Z]{2}")) throw new IllegalArgumentException("partner " + id + ": country must be two capital letters (ISO 3166)");
        if (baseUrl == null || !baseUrl.startsWith("https://")) throw new IllegalArgumentException("partner " + id + ": node URL must start with https://");
        contact = contact == null ? "" : contact;
        baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }
}
