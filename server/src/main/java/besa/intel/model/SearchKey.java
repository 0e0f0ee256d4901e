package besa.intel.model;

/** An index key a clean value yields: kind ("name", "phone", "imei", ...) and the key itself. */
public record SearchKey(String kind, String key) {}
