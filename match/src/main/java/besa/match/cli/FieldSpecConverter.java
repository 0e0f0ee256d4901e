package besa.match.cli;

import besa.match.data.FieldSpec;
import picocli.CommandLine;

/** "COL=TYPE" on the command line; declared on the options so any launcher that hosts the commands gets it. */
public final class FieldSpecConverter implements CommandLine.ITypeConverter<FieldSpec> {
    @Override
    public FieldSpec convert(String value) {
        try {
            return FieldSpec.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
