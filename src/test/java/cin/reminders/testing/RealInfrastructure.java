package cin.reminders.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;

/**
 * The profile of every service test: a real PostgreSQL, a real Kafka broker, a real SMTP server
 * and the GOV.UK Notify stub, one of each for the whole test run (the resources are JVM-wide).
 * Every {@code @QuarkusTest} uses this one profile, so Quarkus starts once.
 */
public class RealInfrastructure implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(
                new TestResourceEntry(PostgresResource.class),
                new TestResourceEntry(KafkaResource.class),
                new TestResourceEntry(SmtpSinkResource.class),
                new TestResourceEntry(NotifyStubResource.class));
    }
}
