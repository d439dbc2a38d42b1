package io.reportingsuite.devstack.test;

import io.reportingsuite.devstack.DevStack;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** JUnit 5 extension for plain tests: a {@link DevStack} parameter receives the shared stack. */
public class DevStackExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == DevStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return SharedDevStack.get();
    }
}
