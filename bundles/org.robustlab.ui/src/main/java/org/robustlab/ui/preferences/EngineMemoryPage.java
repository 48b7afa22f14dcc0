package org.robustlab.ui.preferences;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.jface.preference.PreferenceDialog;
import org.eclipse.jface.preference.PreferenceManager;
import org.eclipse.jface.preference.PreferenceNode;
import org.eclipse.jface.preference.PreferencePage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;

/**
 * The "Engine and memory" preference page: the engine for new runs, the Java heap, the ND4J off-heap limit and
 * the engine threads, saved as {@link WorkbenchSettings}. Memory and threads take effect at the next start.
 */
public final class EngineMemoryPage extends PreferencePage {

    private final Path home;

    private final List<String> engines;

    private Combo engine;

    private Text heap;

    private Text offHeap;

    private Spinner threads;

    /** Creates the page for the settings in {@code home}, offering the installed {@code engines}. */
    public EngineMemoryPage(Path home, List<String> engines) {
        super("Engine and memory");
        this.home = home;
        this.engines = engines;
        setDescription("Saved in " + WorkbenchSettings.file(home)
                + ". Memory and threads apply at the next start of robustlab.");
    }

    /** Returns a preference dialog with this page. */
    public static PreferenceDialog dialog(Shell parent, Path home, List<String> engines) {
        PreferenceManager manager = new PreferenceManager();
        manager.addToRoot(new PreferenceNode("engine-memory", new EngineMemoryPage(home, engines)));
        return new PreferenceDialog(parent, manager);
    }

    @Override
    protected Control createContents(Composite parent) {
        WorkbenchSettings settings = current();
        Composite page = new Composite(parent, SWT.NONE);
        page.setLayout(new GridLayout(2, false));
        label(page, "Engine for new runs:");
        engine = new Combo(page, SWT.READ_ONLY);
        engines.forEach(engine::add);
        if (!engines.contains(settings.engine())) {
            engine.add(settings.engine());
        }
        engine.setText(settings.engine());
        label(page, "Maximum Java heap (-Xmx, e.g. 2g):");
        heap = text(page, settings.heap());
        label(page, "ND4J off-heap limit (e.g. 4g):");
        offHeap = text(page, settings.offHeap());
        label(page, "Engine threads (0 = all processors):");
        threads = new Spinner(page, SWT.BORDER);
        threads.setValues(settings.threads(), 0, 1024, 0, 1, 4);
        return page;
    }

    @Override
    public boolean performOk() {
        try {
            WorkbenchSettings settings = new WorkbenchSettings(
                    engine.getText(), heap.getText().strip(), offHeap.getText().strip(), threads.getSelection());
            settings.write(home);
            setErrorMessage(null);
            return true;
        } catch (IllegalArgumentException | IOException e) {
            setErrorMessage(e.getMessage());
            return false;
        }
    }

    @Override
    protected void performDefaults() {
        engine.setText(WorkbenchSettings.DEFAULTS.engine());
        heap.setText(WorkbenchSettings.DEFAULTS.heap());
        offHeap.setText(WorkbenchSettings.DEFAULTS.offHeap());
        threads.setSelection(WorkbenchSettings.DEFAULTS.threads());
        super.performDefaults();
    }

    /** Sets the fields as a user would, for tests and scripted setups. */
    public void fill(String engineId, String heapSize, String offHeapSize, int threadCount) {
        engine.setText(engineId);
        heap.setText(heapSize);
        offHeap.setText(offHeapSize);
        threads.setSelection(threadCount);
    }

    private WorkbenchSettings current() {
        try {
            return WorkbenchSettings.read(home);
        } catch (IOException | IllegalArgumentException e) {
            setErrorMessage(
                    "Cannot read " + WorkbenchSettings.file(home) + ": " + e.getMessage() + "; showing the defaults");
            return WorkbenchSettings.DEFAULTS;
        }
    }

    private static void label(Composite page, String text) {
        new Label(page, SWT.NONE).setText(text);
    }

    private static Text text(Composite page, String value) {
        Text field = new Text(page, SWT.BORDER);
        field.setText(value);
        field.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        return field;
    }
}
