package org.robustlab.data.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.osgi.service.component.annotations.Component;
import org.robustlab.core.contribution.ContributionMetadata;
import org.robustlab.core.data.DatasetException;
import org.robustlab.core.data.DatasetImporter;
import org.robustlab.core.data.ImportRequest;
import org.robustlab.core.data.ImportResult;
import org.robustlab.core.data.TaskType;
import org.robustlab.data.DatasetBuilder;
import org.robustlab.data.Pseudonyms;
import org.robustlab.data.RasterImages;
import org.robustlab.data.SampleSource;

/**
 * Imports a folder with one sub-folder per class of PNG, JPEG, BMP or GIF images; the sub-folder names, sorted,
 * are the classes. Splits are drawn by group (see {@link ImageFolderParameters#groupPattern()}).
 */
@Component(service = DatasetImporter.class)
@ContributionMetadata(
        id = "image-folder",
        label = "Folder per class (PNG/JPEG)",
        description = "A folder with one sub-folder of PNG, JPEG, BMP or GIF images per class; unreadable files are"
                + " skipped with a warning.")
public final class ImageFolderImporter implements DatasetImporter<ImageFolderParameters> {

    private static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "gif");

    @Override
    public Class<ImageFolderParameters> parameterType() {
        return ImageFolderParameters.class;
    }

    @Override
    public ImageFolderParameters defaultParameters() {
        return new ImageFolderParameters("");
    }

    @Override
    public ImportResult importDataset(ImportRequest request, ImageFolderParameters parameters) throws IOException {
        Path root = request.source();
        if (!Files.isDirectory(root)) {
            throw new DatasetException(root, "not a folder; give the folder with one sub-folder per class");
        }
        List<Path> classFolders;
        try (Stream<Path> children = Files.list(root)) {
            classFolders = children.filter(Files::isDirectory).sorted().toList();
        }
        if (classFolders.isEmpty()) {
            throw new DatasetException(root, "has no sub-folders; put the images of each class in a sub-folder");
        }
        Pattern pattern = parameters.groupPattern().isEmpty() ? null : Pattern.compile(parameters.groupPattern());
        List<String> classes = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        List<SampleSource> samples = new ArrayList<>();
        for (Path folder : classFolders) {
            int label = classes.size();
            classes.add(folder.getFileName().toString());
            for (Path file : images(folder)) {
                files.add(file);
                String relative = root.relativize(file).toString();
                String key = Pseudonyms.key("file", relative);
                String group = group(pattern, file, key);
                samples.add(new SampleSource(
                        relative, key, group, new float[] {label}, List.of(), null, () -> RasterImages.read(file)));
            }
        }
        samples.replaceAll(sample -> Labels.oneHot(sample, classes.size()));
        DatasetBuilder builder = new DatasetBuilder(
                "image-folder",
                root.getFileName().toString(),
                TaskType.MULTICLASS,
                classes,
                "image samples divided by their maximum (255 or 65535) to [0, 1]",
                parameters);
        return builder.build(request, files, samples);
    }

    private static List<Path> images(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile)
                    .filter(file -> EXTENSIONS.contains(extension(file)))
                    .sorted()
                    .toList();
        }
    }

    private static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static String group(Pattern pattern, Path file, String sampleKey) {
        if (pattern == null) {
            return sampleKey;
        }
        Matcher matcher = pattern.matcher(file.getFileName().toString());
        return matcher.find() ? Pseudonyms.key("group", matcher.group(1)) : sampleKey;
    }
}
