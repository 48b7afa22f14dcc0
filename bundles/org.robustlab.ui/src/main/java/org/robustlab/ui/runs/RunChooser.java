package org.robustlab.ui.runs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.robustlab.experiment.store.RunStore;
import org.robustlab.experiment.store.StoredRun;

/**
 * Chooses a run of a run store (MLflow file-store layout): the store folder, then one of its runs, newest first.
 * The default store is {@code -Drobustlab.runs}, else the {@code runs} folder of the working directory, where
 * {@code robustlab run} writes by default.
 */
public final class RunChooser {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private final Composite root;

    private final Text storeText;

    private final Combo runs;

    private final Consumer<StoredRun> listener;

    private List<StoredRun> listed = List.of();

    /** Creates the chooser; {@code listener} receives the run the user selects. */
    public RunChooser(Composite parent, Consumer<StoredRun> listener) {
        this.listener = listener;
        root = new Composite(parent, SWT.NONE);
        GridLayout layout = new GridLayout(5, false);
        layout.marginHeight = 0;
        root.setLayout(layout);
        new Label(root, SWT.NONE).setText("Run store:");
        storeText = new Text(root, SWT.BORDER);
        GridData storeData = new GridData(SWT.FILL, SWT.CENTER, true, false);
        storeData.widthHint = 250;
        storeText.setLayoutData(storeData);
        storeText.addListener(
                SWT.DefaultSelection,
                event -> setStore(Path.of(storeText.getText().strip())));
        Button browse = new Button(root, SWT.PUSH);
        browse.setText("Browse...");
        browse.addListener(SWT.Selection, event -> {
            String folder = new DirectoryDialog(root.getShell()).open();
            if (folder != null) {
                setStore(Path.of(folder));
            }
        });
        new Label(root, SWT.NONE).setText("Run:");
        runs = new Combo(root, SWT.READ_ONLY);
        GridData runData = new GridData(SWT.FILL, SWT.CENTER, true, false);
        runData.widthHint = 350;
        runs.setLayoutData(runData);
        runs.addListener(SWT.Selection, event -> fireSelected());
        storeText.setText(defaultStore().toString());
    }

    /** Returns the default run store folder. */
    public static Path defaultStore() {
        String property = System.getProperty("robustlab.runs");
        return (property != null ? Path.of(property) : Path.of("runs"))
                .toAbsolutePath()
                .normalize();
    }

    /** Returns the top-level control. */
    public Composite control() {
        return root;
    }

    /** Lists the runs of the store at {@code folder}, newest first; a missing folder lists none. */
    public void setStore(Path folder) {
        storeText.setText(folder.toString());
        runs.removeAll();
        listed = Files.isDirectory(folder) ? list(new RunStore(folder)) : List.of();
        for (StoredRun run : listed) {
            runs.add(describe(run));
        }
    }

    /** Selects the run in {@code folder}, listing its store first, and notifies the listener. */
    public void select(Path runFolder) {
        Path folder = runFolder.toAbsolutePath().normalize();
        setStore(folder.getParent().getParent());
        for (int i = 0; i < listed.size(); i++) {
            if (listed.get(i).folder().equals(folder)) {
                runs.select(i);
                fireSelected();
                return;
            }
        }
        throw new IllegalArgumentException("No run " + folder.getFileName() + " in store " + folder.getParent());
    }

    /** Returns the runs listed, newest first. */
    public List<StoredRun> runs() {
        return listed;
    }

    /** Returns the run menu. */
    public Combo menu() {
        return runs;
    }

    /** Returns one line about a run: start time, name, status and id. */
    public static String describe(StoredRun run) {
        return TIME.format(Instant.ofEpochMilli(run.startTime())) + "  " + run.runName() + "  [" + run.status() + "]  "
                + run.runId().substring(0, 8);
    }

    private static List<StoredRun> list(RunStore store) {
        List<StoredRun> all = new ArrayList<>();
        for (String experiment : store.experimentIds()) {
            all.addAll(store.runs(experiment));
        }
        all.sort(Comparator.comparingLong(StoredRun::startTime).reversed());
        return all;
    }

    private void fireSelected() {
        int index = runs.getSelectionIndex();
        if (index >= 0) {
            listener.accept(listed.get(index));
        }
    }
}
