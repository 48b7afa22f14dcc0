package org.robustlab.ui.forms;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.robustlab.core.parameter.ParameterBinder;
import org.robustlab.core.parameter.ParameterDescriptor;

/**
 * A form generated from a contribution's parameter record: one row per record component with a check box for
 * booleans, a menu for enums and a text field otherwise (lists as comma-separated values). Nested records are
 * shown read-only and keep their defaults. Values are bound with {@link ParameterBinder}, so the form accepts and
 * rejects exactly what an experiment file would.
 */
public final class ParameterForm {

    private final Composite root;

    private final Record defaults;

    private final Map<String, Control> fields = new LinkedHashMap<>();

    private final Map<String, ParameterDescriptor> descriptors = new LinkedHashMap<>();

    /** Creates the form under {@code parent} with {@code defaults} filled in. */
    public ParameterForm(Composite parent, Record defaults) {
        this.defaults = defaults;
        root = new Composite(parent, SWT.NONE);
        root.setLayout(new GridLayout(3, false));
        for (ParameterDescriptor descriptor : ParameterDescriptor.describe(defaults)) {
            descriptors.put(descriptor.name(), descriptor);
            addRow(descriptor);
        }
    }

    /** Returns the top-level control. */
    public Composite control() {
        return root;
    }

    /** Returns the field of a parameter: a {@link Button}, {@link Combo} or {@link Text}. */
    public Control field(String name) {
        Control field = fields.get(name);
        if (field == null) {
            throw new IllegalArgumentException("No parameter '" + name + "' in " + fields.keySet());
        }
        return field;
    }

    /** Returns the parameter names in form order. */
    public List<String> names() {
        return new ArrayList<>(fields.keySet());
    }

    /**
     * Returns the parameters the form holds.
     *
     * @throws IllegalArgumentException naming the parameter when a value is invalid or out of range
     */
    public <R extends Record> R value(R typedDefaults, String path) {
        return ParameterBinder.bind(typedDefaults, rawValues(), path);
    }

    /** Returns the form's values as an experiment file would give them, without the read-only nested records. */
    public Map<String, Object> rawValues() {
        Map<String, Object> values = new LinkedHashMap<>();
        fields.forEach((name, field) -> {
            if (field instanceof Button check) {
                values.put(name, check.getSelection());
            } else if (field instanceof Combo combo) {
                values.put(name, combo.getText());
            } else if (field instanceof Text text && text.getEditable()) {
                values.put(
                        name, parse(descriptors.get(name).type(), text.getText().strip(), name));
            }
        });
        return values;
    }

    /** Returns the defaults the form was created with. */
    public Record defaults() {
        return defaults;
    }

    private void addRow(ParameterDescriptor descriptor) {
        Label label = new Label(root, SWT.NONE);
        label.setText(descriptor.name() + (descriptor.unit().isEmpty() ? "" : " (" + descriptor.unit() + ")"));
        Control field = createField(descriptor);
        field.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        String tip = descriptor.description() + (descriptor.rangeText().isEmpty() ? "" : " " + descriptor.rangeText());
        field.setToolTipText(tip.strip());
        label.setToolTipText(tip.strip());
        Label range = new Label(root, SWT.NONE);
        range.setText(descriptor.rangeText());
        fields.put(descriptor.name(), field);
    }

    private Control createField(ParameterDescriptor descriptor) {
        Object value = descriptor.defaultValue();
        if (value instanceof Boolean flag) {
            Button check = new Button(root, SWT.CHECK);
            check.setSelection(flag);
            return check;
        }
        if (!descriptor.allowedValues().isEmpty()) {
            Combo combo = new Combo(root, SWT.READ_ONLY);
            descriptor.allowedValues().forEach(combo::add);
            combo.setText(((Enum<?>) value).name());
            return combo;
        }
        Text text = new Text(root, SWT.BORDER);
        text.setText(format(value));
        text.setEditable(!(value instanceof Record));
        return text;
    }

    private static String format(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof double[] array) {
            return join(Arrays.stream(array).boxed().toList());
        }
        if (value instanceof int[] array) {
            return join(Arrays.stream(array).boxed().toList());
        }
        if (value instanceof List<?> list) {
            return join(list);
        }
        return value.toString();
    }

    private static String join(List<?> items) {
        return String.join(", ", items.stream().map(String::valueOf).toList());
    }

    private static Object parse(Type type, String text, String name) {
        Class<?> raw = type instanceof ParameterizedType parameterized
                ? (Class<?>) parameterized.getRawType()
                : (Class<?>) type;
        if (raw == String.class) {
            return text;
        }
        if (raw == List.class || raw.isArray()) {
            boolean numbers = raw.isArray() || isNumberList(type);
            List<Object> items = new ArrayList<>();
            for (String item : text.isEmpty() ? new String[0] : text.split(",")) {
                items.add(numbers ? number(item.strip(), name) : item.strip());
            }
            return items;
        }
        return number(text, name);
    }

    private static boolean isNumberList(Type type) {
        return type instanceof ParameterizedType parameterized
                && parameterized.getActualTypeArguments()[0] instanceof Class<?> element
                && Number.class.isAssignableFrom(element);
    }

    private static Double number(String text, String name) {
        try {
            return Double.valueOf(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "Parameter '" + name + "': '" + text + "' is not a number; enter a value such as 0.5", e);
        }
    }
}
