package besa;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** Modules talk through their public API only: a reach into another module's internals fails here. */
class ModularityTest {
    /** The match and ledger libraries live under "besa" too, but are plain libraries, not application modules. */
    static final ApplicationModules MODULES =
            ApplicationModules.of(BesaApplication.class, resideInAnyPackage("besa.match..", "besa.ledger.."));

    @Test
    void modulesRespectTheirBoundaries() {
        MODULES.verify();
    }
}
