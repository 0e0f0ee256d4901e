package besa.intel.search;

import besa.intel.model.EntityType;

/** An entity as lists show it. */
public record EntitySummary(String id, EntityType type, String caption) {}
