package io.reportingsuite.receipt;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.reportingsuite.devstack.test.ProductionTlsContract;
import java.util.Map;

/** TLS on receipt-service's HTTP listener in the production profile (issue 14): see {@link ProductionTlsContract}. */
@QuarkusTest
@TestProfile(ProductionTlsTest.Production.class)
@QuarkusTestResource(ReceiptTestResource.class)
class ProductionTlsTest extends ProductionTlsContract {

    public static class Production implements QuarkusTestProfile {
        @Override
        public String getConfigProfile() {
            return PROFILE;
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return configOverrides();
        }
    }
}
