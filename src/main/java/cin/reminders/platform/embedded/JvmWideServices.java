package cin.reminders.platform.embedded;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.concurrent.Callable;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;

import org.jboss.logging.Logger;

import io.quarkus.runtime.Application;

/**
 * A registry of started services that is shared by the whole JVM, not by one class loader.
 * <p>
 * Quarkus loads application and test classes in a fresh class loader for every dev-mode restart and for every test
 * profile, so a plain {@code static} field would start a second broker or database. The registry keeps each service
 * as an MBean in the platform MBean server, which every class loader sees, and reads it back only through
 * {@code java.*} types ({@code Map<String, String>}). Start-up is serialised by a lock on an interned string, which
 * is the same object in every class loader.
 */
public final class JvmWideServices {

    private static final Logger LOG = Logger.getLogger(JvmWideServices.class);
    private static final String DOMAIN = "cin.reminders.embedded";
    private static final long SHUTDOWN_WAIT_MS = 30_000;

    /** A started service: the configuration it offers and how to stop it. */
    public record Started(Map<String, String> properties, AutoCloseable stopper) {
    }

    /** The management interface; public so that {@link StandardMBean} can use it. */
    public interface ServiceMBean {
        Map<String, String> getProperties();

        void stop();
    }

    private JvmWideServices() {
    }

    /**
     * Returns the properties of the service called {@code name}, starting it with {@code starter} if no class loader
     * in this JVM has started it yet. The service is stopped by {@link #stop(String)} or at JVM exit.
     */
    public static Map<String, String> getOrStart(String name, Callable<Started> starter) {
        ObjectName objectName = objectName(name);
        synchronized (lock(name)) {
            Map<String, String> existing = properties(objectName);
            if (existing != null) {
                return existing;
            }
            Started started;
            try {
                started = starter.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("Could not start " + name + ": " + e.getMessage(), e);
            }
            Service service = new Service(name, started);
            try {
                mbeanServer().registerMBean(new StandardMBean(service, ServiceMBean.class), objectName);
            } catch (Exception e) {
                service.stop();
                throw new IllegalStateException("Could not register " + name, e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                awaitApplicationStopped();
                stop(name);
            }, "stop-embedded-" + name));
            return Map.copyOf(started.properties());
        }
    }

    /** The properties of a running service, or {@code null} if none of that name runs in this JVM. */
    public static Map<String, String> find(String name) {
        synchronized (lock(name)) {
            return properties(objectName(name));
        }
    }

    /** Stops the service called {@code name} if it runs, whichever class loader started it. */
    public static boolean stop(String name) {
        ObjectName objectName = objectName(name);
        synchronized (lock(name)) {
            MBeanServer server = mbeanServer();
            if (!server.isRegistered(objectName)) {
                return false;
            }
            try {
                server.invoke(objectName, "stop", new Object[0], new String[0]);
            } catch (Exception e) {
                LOG.warnf(e, "Could not stop embedded %s", name);
            }
            try {
                server.unregisterMBean(objectName);
            } catch (Exception e) {
                LOG.debugf(e, "Could not unregister embedded %s", name);
            }
            return true;
        }
    }

    /**
     * The JVM runs all shutdown hooks at once. Quarkus stops the application in its own hook; waiting for that lets
     * the application's Kafka clients and connection pools close before the broker and the database go away.
     */
    private static void awaitApplicationStopped() {
        try {
            Application application = Application.currentApplication();
            if (application == null) {
                return;
            }
            // Not isStarted(): that is already false while the application is stopping.
            Thread waiter = new Thread(application::awaitShutdown, "await-quarkus-shutdown");
            waiter.setDaemon(true);
            waiter.start();
            waiter.join(SHUTDOWN_WAIT_MS);
        } catch (Throwable e) {
            // Best effort: stop the service anyway.
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> properties(ObjectName objectName) {
        MBeanServer server = mbeanServer();
        if (!server.isRegistered(objectName)) {
            return null;
        }
        try {
            return Map.copyOf((Map<String, String>) server.getAttribute(objectName, "Properties"));
        } catch (Exception e) {
            throw new IllegalStateException("Could not read " + objectName, e);
        }
    }

    private static Object lock(String name) {
        // String.intern() returns one instance per JVM, whichever class loader asks.
        return (DOMAIN + ".lock." + name).intern();
    }

    private static MBeanServer mbeanServer() {
        return ManagementFactory.getPlatformMBeanServer();
    }

    private static ObjectName objectName(String name) {
        try {
            return new ObjectName(DOMAIN + ":name=" + ObjectName.quote(name));
        } catch (Exception e) {
            throw new IllegalArgumentException(name, e);
        }
    }

    private static final class Service implements ServiceMBean {
        private final String name;
        private final Started started;
        private boolean stopped;

        Service(String name, Started started) {
            this.name = name;
            this.started = started;
        }

        @Override
        public Map<String, String> getProperties() {
            return started.properties();
        }

        @Override
        public synchronized void stop() {
            if (stopped) {
                return;
            }
            stopped = true;
            try {
                started.stopper().close();
            } catch (Exception e) {
                LOG.warnf(e, "Could not stop embedded %s", name);
            }
        }
    }
}
