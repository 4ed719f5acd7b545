package cin.reminders.notice.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import org.junit.jupiter.api.Test;

/** Every field of the model has a builder method of its own name and type, and each lands in its own field. */
class MessageModelBuilderTest {

    @Test
    void eachFieldIsSetByItsOwnName() throws ReflectiveOperationException {
        RecordComponent[] components = MessageModel.class.getRecordComponents();
        MessageModel.Builder builder = MessageModel.builder();
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            values[i] = distinct(c.getType(), i);
            Method set = MessageModel.Builder.class.getMethod(c.getName(), c.getType());
            assertEquals(MessageModel.Builder.class, set.getReturnType(), c.getName());
            set.invoke(builder, values[i]);
        }
        MessageModel m = builder.build();
        for (int i = 0; i < components.length; i++) {
            assertEquals(values[i], components[i].getAccessor().invoke(m), components[i].getName());
        }
    }

    @Test
    void whatIsNotSetIsNull() {
        MessageModel m = MessageModel.builder().template("plan-copy").build();
        assertEquals("plan-copy", m.template());
        assertNull(m.recipientName());
        assertNull(m.workingDaysLeft());
    }

    private static Object distinct(Class<?> type, int i) {
        if (type == String.class) {
            return "value " + i;
        }
        if (type == boolean.class) {
            return true;
        }
        if (type == Integer.class) {
            return i;
        }
        if (type == Long.class) {
            return (long) i;
        }
        if (type == DigestLines.class) {
            return new DigestLines("day " + i, java.util.List.of(), java.util.List.of(), java.util.List.of(), i);
        }
        throw new AssertionError("a field of a new type: " + type);
    }
}
