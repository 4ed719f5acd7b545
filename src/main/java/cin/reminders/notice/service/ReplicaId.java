package cin.reminders.notice.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** This instance's name on the leases it takes: the pod name (HOSTNAME) and a random suffix. */
@ApplicationScoped
public class ReplicaId {

    private final String id = System.getenv().getOrDefault("HOSTNAME", "local") + "-" + UUID.randomUUID().toString().substring(0, 8);

    public String id() {
        return id;
    }
}
