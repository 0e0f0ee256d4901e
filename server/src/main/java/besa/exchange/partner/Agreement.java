package besa.exchange.partner;

import java.util.Set;

/**
 * What may cross to and from one partner: the categories, the legal basis, the most restrictive
 * handling code allowed, and whether the partner may pass the material on. Sharing narrows: nothing
 * outside the agreement leaves this node, and nothing outside it is accepted from the partner.
 */
public record Agreement(String partnerId, Set<Category> categories, String legalBasis, HandlingCode maxHandling, boolean onwardTransfer) {
    public Agreement {
        if (categories == null || categories.isEmpty()) throw new IllegalArgumentException("agreement with " + partnerId + ": at least one category");
        if (legalBasis == null || legalBasis.isBlank()) throw new IllegalArgumentException("agreement with " + partnerId + ": legal basis is required");
        if (maxHandling == null) throw new IllegalArgumentException("agreement with " + partnerId + ": maximum handling code is required");
        categories = Set.copyOf(categories);
    }

    public boolean allows(Category category, HandlingCode handling) {
        return categories.contains(category) && handling.atMost(maxHandling);
    }
}
