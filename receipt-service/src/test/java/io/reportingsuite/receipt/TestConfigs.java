package io.reportingsuite.receipt;

import io.reportingsuite.receipt.config.ReceiptConfig;
import io.reportingsuite.support.casesystem.CaseSystemRegistry;
import io.reportingsuite.support.casesystem.CaseSystemsConfig;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.HashMap;
import java.util.Map;

/**
 * receipt's configuration and the shared case-system registry built from a map, as SmallRye Config builds
 * them in the service, for plain JUnit tests.
 */
public record TestConfigs(ReceiptConfig receipt, CaseSystemsConfig caseSystems) {

    public static TestConfigs of(Map<String, String> values) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(ReceiptConfig.class)
                .withMapping(CaseSystemsConfig.class)
                .withSources(new PropertiesConfigSource(values, "test", 100)).build();
        return new TestConfigs(config.getConfigMapping(ReceiptConfig.class),
                config.getConfigMapping(CaseSystemsConfig.class));
    }

    public CaseSystemRegistry registry() {
        return new CaseSystemRegistry(caseSystems);
    }

    /** A registry entry with what the registry requires, plus {@code extra}. */
    public static Map<String, String> system(String name, String prefix, String indberetterSe, String kommuneSe) {
        String key = "suite.case-systems." + name + ".";
        Map<String, String> values = new HashMap<>();
        values.put(key + "prefix", prefix);
        values.put(key + "edb-system", "KOMBIT_" + name);
        values.put(key + "sftp-user", name + "_STYRETSFTP");
        values.put(key + "indberetter-se", indberetterSe);
        values.put(key + "kommuner." + kommuneSe, "29189846");
        values.put(key + "notification-endpoint", "http://127.0.0.1:1/soap");
        values.put(key + "beskedfordeler-address", "beskedfordeler." + name);
        return values;
    }
}
