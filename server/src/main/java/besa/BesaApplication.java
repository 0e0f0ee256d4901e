package besa;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.modulith.Modulithic;

/** The Spring application: one package per capability below {@code besa}, verified as modules. */
@SpringBootApplication
@Modulithic(sharedModules = "platform")
public class BesaApplication {}
