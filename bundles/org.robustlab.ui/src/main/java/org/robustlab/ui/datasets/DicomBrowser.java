package org.robustlab.ui.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

/**
 * A folder of DICOM files: the files below a chosen folder, by relative path. Selecting one hands it to the
 * viewer. Files named {@code *.dcm} or {@code *.dicom} are listed, and files without an extension when they carry
 * the PS3.10 preamble ("DICM" at byte 128), because DICOM files often have no extension. A listed file that is not
 * DICOM after all is reported by the reader when opened.
 */
public final class DicomBrowser {

    /** Most files listed from one folder. */
    static final int MAX_FILES = 5000;

    /** Deepest folder level searched below the chosen folder. */
    static final int MAX_DEPTH = 12;

    private final Composite root;

    private final Text folderText;

    private final org.eclipse.swt.widgets.List files;

    private final Label count;

    private final Consumer<Path> opener;

    private Path folder;

    private List<Path> paths = List.of();

    /** Creates the browser; {@code opener} receives the file the user selects. */
    public DicomBrowser(Composite parent, Consumer<Path> opener) {
        this.opener = opener;
        root = new Composite(parent, SWT.NONE);
        root.setLayout(new GridLayout(2, false));
        folderText = new Text(root, SWT.BORDER);
        folderText.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        folderText.setMessage("Folder with DICOM files");
        folderText.addListener(
                SWT.DefaultSelection,
                event -> setFolder(Path.of(folderText.getText().strip())));
        Button browse = new Button(root, SWT.PUSH);
        browse.setText("Open folder...");
        browse.addListener(SWT.Selection, event -> {
            String chosen = new DirectoryDialog(root.getShell()).open();
            if (chosen != null) {
                setFolder(Path.of(chosen));
            }
        });
        files = new org.eclipse.swt.widgets.List(root, SWT.BORDER | SWT.SINGLE | SWT.V_SCROLL | SWT.H_SCROLL);
        files.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 2, 1));
        files.addListener(SWT.Selection, event -> openSelected());
        count = new Label(root, SWT.NONE);
        count.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
    }

    /** Returns the top-level control. */
    public Composite control() {
        return root;
    }

    /** Lists the candidate DICOM files below {@code directory}. */
    public void setFolder(Path directory) {
        folder = directory.toAbsolutePath().normalize();
        folderText.setText(folder.toString());
        try (Stream<Path> walk = Files.walk(folder, MAX_DEPTH)) {
            paths = walk.filter(Files::isRegularFile)
                    .filter(DicomBrowser::isCandidate)
                    .sorted()
                    .limit(MAX_FILES)
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            paths = List.of();
            count.setText("Cannot list " + folder + ": " + e.getMessage());
            files.removeAll();
            return;
        }
        files.setItems(
                paths.stream().map(path -> folder.relativize(path).toString()).toArray(String[]::new));
        count.setText(paths.size() + " files" + (paths.size() == MAX_FILES ? " (first " + MAX_FILES + ")" : ""));
    }

    /** Selects and opens the file at {@code relativePath} below the folder. */
    public void open(String relativePath) {
        int index = files.indexOf(relativePath);
        if (index < 0) {
            throw new IllegalArgumentException("No file " + relativePath + " listed under " + folder);
        }
        files.setSelection(index);
        openSelected();
    }

    /** Returns the file list. */
    public org.eclipse.swt.widgets.List files() {
        return files;
    }

    private void openSelected() {
        int index = files.getSelectionIndex();
        if (index >= 0) {
            opener.accept(paths.get(index));
        }
    }

    private static boolean isCandidate(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".dcm") || name.endsWith(".dicom")) {
            return true;
        }
        return !name.contains(".") && hasPreamble(file);
    }

    private static boolean hasPreamble(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(132);
            return head.length == 132 && head[128] == 'D' && head[129] == 'I' && head[130] == 'C' && head[131] == 'M';
        } catch (IOException e) {
            return false;
        }
    }
}
