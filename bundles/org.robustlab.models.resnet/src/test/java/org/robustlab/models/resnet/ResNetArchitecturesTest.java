package org.robustlab.models.resnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.robustlab.core.model.Head;
import org.robustlab.core.model.Layer;
import org.robustlab.core.model.NetworkShape;
import org.robustlab.core.model.NetworkSpec;
import org.robustlab.core.model.Normalization;
import org.robustlab.core.model.TensorSpec;

/**
 * Checks the ResNet specifications against independent counts: the small CPU model's parameters as PyTorch
 * counts them for the same network, and torchvision's ResNet-18 and ResNet-50.
 */
class ResNetArchitecturesTest {

    private static final NetworkShape GREY_64_SINGLE =
            new NetworkShape(1, 64, 64, 2, Head.SOFTMAX, Normalization.SINGLE);

    private static final NetworkShape RGB_224_IMAGENET =
            new NetworkShape(3, 224, 224, 1000, Head.SOFTMAX, Normalization.SINGLE);

    private final ResNetSmallArchitecture small = new ResNetSmallArchitecture();

    @Test
    void smallResNetHasBaselineParameterCounts() {
        NetworkSpec single = small.build(GREY_64_SINGLE, small.defaultParameters());
        NetworkSpec dual = small.build(dual(GREY_64_SINGLE), small.defaultParameters());

        assertThat(single.trainableParameterCount()).isEqualTo(1_226_338);
        assertThat(dual.trainableParameterCount()).isEqualTo(1_229_218);
    }

    @Test
    void torchvisionResNetsHaveTorchvisionParameterCounts() {
        NetworkSpec resnet18 =
                new ResNet18Architecture().build(RGB_224_IMAGENET, TorchvisionResNetParameters.defaults());
        NetworkSpec resnet50 =
                new ResNet50Architecture().build(RGB_224_IMAGENET, TorchvisionResNetParameters.defaults());

        assertThat(resnet18.trainableParameterCount()).isEqualTo(11_689_512);
        assertThat(resnet50.trainableParameterCount()).isEqualTo(25_557_032);
    }

    @Test
    void camLayerIsLastBlockOutputAfterRelu() {
        NetworkSpec smallSpec = small.build(GREY_64_SINGLE, small.defaultParameters());
        NetworkSpec resnet18 =
                new ResNet18Architecture().build(RGB_224_IMAGENET, TorchvisionResNetParameters.defaults());
        NetworkSpec resnet50 =
                new ResNet50Architecture().build(RGB_224_IMAGENET, TorchvisionResNetParameters.defaults());

        assertThat(smallSpec.camLayer()).isEqualTo("layer4_0_out");
        assertThat(resnet18.camLayer()).isEqualTo("layer4_1_out");
        assertThat(resnet50.camLayer()).isEqualTo("layer4_2_out");
        assertThat(resnet50.layer("layer4_2_out")).isInstanceOf(Layer.Relu.class);
        assertThat(resnet50.layer("layer4_2_out").inputs()).containsExactly("layer4_2_add");
    }

    @Test
    void layoutsMatchTorchvisionStateDicts() throws IOException {
        Map<String, TensorSpec> resnet18 = new ResNet18Architecture()
                .build(RGB_224_IMAGENET, TorchvisionResNetParameters.defaults())
                .parameters();
        Map<String, TensorSpec> resnet50 = new ResNet50Architecture()
                .build(RGB_224_IMAGENET, TorchvisionResNetParameters.defaults())
                .parameters();

        assertThat(shapes(resnet18)).isEqualTo(torchvisionLayout("torchvision-resnet18.txt"));
        assertThat(shapes(resnet50)).isEqualTo(torchvisionLayout("torchvision-resnet50.txt"));
    }

    /** Returns torchvision's entry names (module path with dots) and shapes, from src/test/python. */
    private static Map<String, List<Long>> torchvisionLayout(String resource) throws IOException {
        Map<String, List<Long>> layout = new TreeMap<>();
        try (InputStream in = ResNetArchitecturesTest.class.getResourceAsStream("/" + resource)) {
            assertThat(in).as(resource).isNotNull();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] fields = line.trim().split(" ");
                    List<Long> shape = Arrays.stream(fields, 1, fields.length)
                            .map(Long::valueOf)
                            .toList();
                    layout.put(fields[0], shape);
                }
            }
        }
        return layout;
    }

    /** Returns our entries under torchvision's names: the layer name's underscores become dots. */
    private static Map<String, List<Long>> shapes(Map<String, TensorSpec> parameters) {
        Map<String, List<Long>> layout = new TreeMap<>();
        parameters.forEach((name, tensor) -> {
            int dot = name.indexOf('.');
            String torchvisionName = name.substring(0, dot).replace('_', '.') + name.substring(dot);
            layout.put(torchvisionName, Arrays.stream(tensor.shape()).boxed().toList());
        });
        return layout;
    }

    @Test
    void parameterNamesFollowTorchvisionModules() {
        Map<String, TensorSpec> resnet18 = new ResNet18Architecture()
                .build(RGB_224_IMAGENET, TorchvisionResNetParameters.defaults())
                .parameters();
        Map<String, TensorSpec> resnet50 = new ResNet50Architecture()
                .build(RGB_224_IMAGENET, TorchvisionResNetParameters.defaults())
                .parameters();

        assertThat(resnet18.get("conv1.weight").shape()).containsExactly(64, 3, 7, 7);
        assertThat(resnet18.get("layer2_0_downsample_0.weight").shape()).containsExactly(128, 64, 1, 1);
        assertThat(resnet18.get("layer2_0_downsample_1.running_var").shape()).containsExactly(128);
        assertThat(resnet18).doesNotContainKey("layer1_0_downsample_0.weight");
        assertThat(resnet50.get("layer1_0_conv3.weight").shape()).containsExactly(256, 64, 1, 1);
        assertThat(resnet50.get("layer1_0_downsample_0.weight").shape()).containsExactly(256, 64, 1, 1);
        assertThat(resnet50.get("layer3_0_conv2.weight").shape()).containsExactly(256, 256, 3, 3);
        assertThat(resnet50.get("fc.weight").shape()).containsExactly(1000, 2048);
    }

    @Test
    void anyChannelsOutputsAndHeadAreHonoured() {
        NetworkShape shape = new NetworkShape(5, 96, 80, 8, Head.SIGMOID, Normalization.DUAL);

        NetworkSpec spec = new ResNet50Architecture().build(shape, TorchvisionResNetParameters.defaults());

        assertThat(spec.inputChannels()).isEqualTo(5);
        assertThat(spec.parameters().get("conv1.weight").shape()).containsExactly(64, 5, 7, 7);
        assertThat(spec.outputs()).isEqualTo(8);
        assertThat(spec.head()).isEqualTo(Head.SIGMOID);
        assertThat(spec.parameters()).containsKey("layer4_2_bn3.adversarial.running_mean");
    }

    @Test
    void strideTwoStemHalvesTheResolution() {
        NetworkShape shape = new NetworkShape(1, 128, 128, 2, Head.SOFTMAX, Normalization.DUAL);

        NetworkSpec spec = small.build(shape, small.defaultParameters().withStemStride(2));

        assertThat(((Layer.Conv2d) spec.layer("conv1")).stride()).isEqualTo(2);
        assertThat(spec.trainableParameterCount()).isEqualTo(1_229_218);
    }

    @Test
    void configurableStagesAndMomentumReachTheSpecification() {
        ResNetSmallParameters parameters = new ResNetSmallParameters(16, 1, List.of(16, 32), List.of(2, 3), 0.01);

        NetworkSpec spec = small.build(GREY_64_SINGLE, parameters);

        assertThat(spec.layer("layer2_2_out")).isInstanceOf(Layer.Relu.class);
        assertThat(spec.camLayer()).isEqualTo("layer2_2_out");
        assertThat(((Layer.BatchNorm) spec.layer("layer1_1_bn2")).momentum()).isEqualTo(0.01);
        assertThat(spec.parameters()).doesNotContainKey("layer1_0_downsample_0.weight");
        assertThat(spec.parameters().get("layer2_0_downsample_0.weight").shape())
                .containsExactly(32, 16, 1, 1);
    }

    @Test
    void inputSmallerThanTotalStrideIsRejected() {
        NetworkShape tiny = new NetworkShape(1, 16, 64, 2, Head.SOFTMAX, Normalization.SINGLE);

        assertThatThrownBy(() -> new ResNet18Architecture().build(tiny, TorchvisionResNetParameters.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("resnet-18")
                .hasMessageContaining("32x32")
                .hasMessageContaining("16x64");
        NetworkShape narrow = new NetworkShape(1, 8, 64, 2, Head.SOFTMAX, Normalization.SINGLE);
        assertThatThrownBy(() -> small.build(narrow, small.defaultParameters().withStemStride(2)))
                .hasMessageContaining("16x16");
    }

    @Test
    void invalidParametersAreRejectedWithTheirValues() {
        assertThatThrownBy(() -> new ResNetSmallParameters(32, 1, List.of(32, 64), List.of(1), 0.1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[32, 64]")
                .hasMessageContaining("[1]");
        assertThatThrownBy(() -> new ResNetSmallParameters(32, 3, List.of(32), List.of(1), 0.1))
                .hasMessageContaining("stemStride");
        assertThatThrownBy(() -> new TorchvisionResNetParameters(0)).hasMessageContaining("batchNormMomentum");
    }

    private static NetworkShape dual(NetworkShape shape) {
        return new NetworkShape(
                shape.channels(), shape.height(), shape.width(), shape.outputs(), shape.head(), Normalization.DUAL);
    }
}
