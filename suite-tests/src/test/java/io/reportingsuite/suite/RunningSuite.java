package io.reportingsuite.suite;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit extension: a {@link Suite} parameter gets the one suite of this test run, started on first use and
 * stopped (services by SIGTERM) when the whole run ends — every test class shares it, because four
 * application starts cost tens of seconds. A suite that failed to start is not started again: every test
 * that asks for it fails with the first failure.
 */
final class RunningSuite implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RunningSuite.class);

    /** The outcome of the one start; the root store closes it (AutoCloseable) when the run ends. */
    private static final class Started implements AutoCloseable {
        private Suite suite;
        private Exception failure;

        Started() {
            try {
                suite = Suite.start();
            } catch (Exception e) {
                failure = e;
            }
        }

        @Override
        public void close() throws Exception {
            if (suite != null) {
                suite.close();
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Suite.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Started started = context.getRoot().getStore(NAMESPACE).computeIfAbsent(Started.class, type -> new Started(),
                Started.class);
        if (started.failure != null) {
            throw new ParameterResolutionException("the suite did not start: " + started.failure.getMessage(),
                    started.failure);
        }
        return started.suite;
    }
}
