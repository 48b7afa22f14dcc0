package org.robustlab.training.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import org.nd4j.linalg.api.buffer.DataType;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.robustlab.core.data.DatasetManifest;
import org.robustlab.core.engine.EngineInfo;
import org.robustlab.core.io.AtomicFiles;
import org.robustlab.core.model.Layer;
import org.robustlab.core.model.NetworkSpec;
import org.robustlab.core.parameter.ParameterBinder;
import org.robustlab.training.RunFolder;
import org.robustlab.training.TrainingRequest;
import org.robustlab.training.TrainingSettings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The run manifest: every parameter of a run, the dataset's manifest and content hash, and the versions of the
 * engine, Java and the Robustlab bundles. Its {@code fingerprint} is the SHA-256 of the {@code configuration}
 * object, so a run folder can tell whether a request continues the run it holds.
 */
final class RunManifest {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ObjectNode configuration;

    private final String fingerprint;

    private RunManifest(ObjectNode configuration) {
        this.configuration = configuration;
        this.fingerprint = sha256(configuration.toString());
    }

    /** Returns the manifest of a request. */
    static RunManifest of(TrainingRequest request) {
        ObjectNode configuration = JSON.createObjectNode();
        configuration.set("network", network(request.spec()));
        configuration.put("initialParameters", initialParameters(request));
        ObjectNode mode = configuration.putObject("mode");
        mode.put("id", request.mode());
        mode.set("parameters", JSON.valueToTree(ParameterBinder.toMap(request.modeParameters())));
        configuration.set("settings", settings(request.settings()));
        configuration.set("dataset", dataset(request.dataset().manifest()));
        return new RunManifest(configuration);
    }

    String fingerprint() {
        return fingerprint;
    }

    /** Writes the manifest into the run folder, atomically. */
    void write(Path folder, String runId, EngineInfo engine) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("runId", runId);
        root.put("created", Instant.now().toString());
        root.put("fingerprint", fingerprint);
        root.set("configuration", configuration);
        ObjectNode environment = root.putObject("environment");
        environment.set("engine", JSON.valueToTree(ParameterBinder.toMap(engine)));
        environment.put("java", System.getProperty("java.vendor") + " " + System.getProperty("java.version"));
        environment.put(
                "os",
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"));
        environment.set("bundles", JSON.valueToTree(bundleVersions()));
        byte[] text = JSON.writeValueAsBytes(root);
        AtomicFiles.write(folder.resolve(RunFolder.MANIFEST), out -> out.write(text));
    }

    /** Returns the fingerprint recorded in a run folder's manifest. */
    static String recordedFingerprint(Path folder) throws IOException {
        Path file = folder.resolve(RunFolder.MANIFEST);
        JsonNode root = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        JsonNode value = root.get("fingerprint");
        if (value == null) {
            throw new IOException("Run manifest " + file + " has no fingerprint");
        }
        return value.asText();
    }

    private static ObjectNode network(NetworkSpec spec) {
        ObjectNode network = JSON.createObjectNode();
        network.put("architecture", spec.architecture());
        network.put("inputChannels", spec.inputChannels());
        network.put("outputs", spec.outputs());
        network.put("head", spec.head().name());
        network.put("normalization", spec.normalization().name());
        network.put("output", spec.output());
        network.put("camLayer", spec.camLayer());
        network.put("trainableParameters", spec.trainableParameterCount());
        ArrayNode layers = network.putArray("layers");
        for (Layer layer : spec.layers()) {
            layers.add(layer.toString());
        }
        return network;
    }

    private static String initialParameters(TrainingRequest request) {
        if (request.initialParameters() == null) {
            return "ParameterInitializer with seed " + request.settings().seed();
        }
        MessageDigest digest = AtomicFiles.newDigest();
        new TreeMap<>(request.initialParameters()).forEach((name, value) -> {
            digest.update(name.getBytes(StandardCharsets.UTF_8));
            for (float element : value.castTo(DataType.FLOAT).dup('c').data().asFloat()) {
                int bits = Float.floatToIntBits(element);
                digest.update(
                        new byte[] {(byte) (bits >>> 24), (byte) (bits >>> 16), (byte) (bits >>> 8), (byte) bits});
            }
        });
        return "given, SHA-256 " + HexFormat.of().formatHex(digest.digest());
    }

    private static ObjectNode settings(TrainingSettings settings) {
        ObjectNode node = JSON.createObjectNode();
        node.put("seed", settings.seed());
        node.put("epochs", settings.epochs());
        node.put("batchSize", settings.batchSize());
        node.set("optimizer", JSON.valueToTree(ParameterBinder.toMap(settings.optimizer())));
        node.put("schedule", settings.schedule().toString());
        node.put("earlyStopping", String.valueOf(settings.earlyStopping()));
        node.set("classWeights", JSON.valueToTree(settings.classWeights()));
        node.put("checkpointInterval", settings.checkpointInterval());
        node.put("divergenceThreshold", settings.divergenceThreshold());
        node.put("minValue", settings.minValue());
        node.put("maxValue", settings.maxValue());
        return node;
    }

    private static ObjectNode dataset(DatasetManifest manifest) {
        ObjectNode node = JSON.createObjectNode();
        node.put("name", manifest.name());
        node.put("importer", manifest.importer());
        node.put("task", manifest.task().name());
        node.set("labels", JSON.valueToTree(manifest.labels()));
        node.put("channels", manifest.channels());
        node.put("height", manifest.height());
        node.put("width", manifest.width());
        node.put("seed", manifest.seed());
        node.set("splitCounts", JSON.valueToTree(new TreeMap<>(manifest.splitCounts())));
        node.put("contentHash", manifest.contentHash());
        return node;
    }

    private static Map<String, String> bundleVersions() {
        Map<String, String> versions = new TreeMap<>();
        Bundle own = FrameworkUtil.getBundle(RunManifest.class);
        if (own != null && own.getBundleContext() != null) {
            for (Bundle bundle : own.getBundleContext().getBundles()) {
                String name = bundle.getSymbolicName();
                if (name != null && name.startsWith("org.robustlab")) {
                    versions.put(name, bundle.getVersion().toString());
                }
            }
        }
        return versions;
    }

    private static String sha256(String text) {
        return HexFormat.of().formatHex(AtomicFiles.newDigest().digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
