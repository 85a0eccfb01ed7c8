package org.effnas.cli;

import org.effnas.version.CodeVersion;
import picocli.CommandLine.IVersionProvider;

/** {@code effnas --version}: the version and git commit the jar was built from. */
public final class EffnasVersion implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"effnas " + CodeVersion.current()};
    }
}
