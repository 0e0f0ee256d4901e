package besa.intel.store;

import besa.intel.model.EntityType;
import besa.intel.model.Statement;
import java.util.List;

/** An entity to store: its id, type and the statements one source makes about it. */
public record EntityRecord(String id, EntityType type, List<Statement> statements) {}
