package org.robustlab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robustlab.core.data.DatasetException;
import org.robustlab.core.data.DatasetImporter;
import org.robustlab.core.data.ImportResult;

class ImageFolderImportTest {

    @TempDir
    Path folder;

    @Test
    void corruptImageIsSkippedAndCounted() throws Exception {
        Path root = folder.resolve("classes");
        Fixtures.greyImage(root.resolve("normal/a.png"), 8, 8, 0);
        Fixtures.greyImage(root.resolve("normal/b.jpg"), 8, 8, 255);
        Fixtures.greyImage(root.resolve("effusion/c.png"), 8, 8, 128);
        Files.writeString(root.resolve("effusion/broken.png"), "not a PNG");
        DatasetImporter<Record> importer = ChestLayoutImportTest.importer("ImageFolderImporter");

        ImportResult result = importer.importDataset(
                Fixtures.request(root, folder.resolve("cache"), 4), importer.defaultParameters());

        assertThat(result.dataset().size()).isEqualTo(3);
        assertThat(result.skipped()).singleElement().satisfies(skipped -> {
            assertThat(skipped.file()).isEqualTo("effusion/broken.png");
            assertThat(skipped.reason()).contains("not a PNG");
        });
        assertThat(result.dataset().manifest().labels()).containsExactly("effusion", "normal");
        assertThat(result.dataset().image(1).getFloat(0, 0, 0)).isEqualTo(0f);
    }

    @Test
    void noReadableImageFailsAndWritesNothing() throws Exception {
        Path root = folder.resolve("classes");
        Files.createDirectories(root.resolve("normal"));
        Files.writeString(root.resolve("normal/broken.png"), "not a PNG");
        DatasetImporter<Record> importer = ChestLayoutImportTest.importer("ImageFolderImporter");
        Path cache = folder.resolve("cache");

        assertThatThrownBy(() -> importer.importDataset(Fixtures.request(root, cache, 4), importer.defaultParameters()))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("normal/broken.png");
        assertThat(cache).doesNotExist();
    }
}
