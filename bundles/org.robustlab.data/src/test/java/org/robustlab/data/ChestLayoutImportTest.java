package org.robustlab.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.robustlab.core.data.Dataset;
import org.robustlab.core.data.DatasetImporter;
import org.robustlab.core.data.SampleInfo;
import org.robustlab.core.data.Split;
import org.robustlab.core.data.TaskType;
import org.robustlab.core.parameter.ParameterBinder;

/**
 * The CheXpert and NIH ChestX-ray14 importers on small fixtures in their public layouts, with synthetic pixels
 * (see {@link Fixtures}).
 */
class ChestLayoutImportTest {

    @TempDir
    Path folder;

    @Test
    void chexpertUncertaintyPolicies() throws Exception {
        Path root = chexpert();

        Dataset zeros = importChexpert(root, "zeros");
        Dataset ones = importChexpert(root, "ones");
        Dataset ignore = importChexpert(root, "ignore");

        assertThat(edema(zeros, "patient00002")).isEqualTo(0f);
        assertThat(edema(ones, "patient00002")).isEqualTo(1f);
        assertThat(edema(ignore, "patient00002")).isNaN();
        assertThat(ignore.manifest().task()).isEqualTo(TaskType.MULTILABEL);
    }

    @Test
    void chexpertSplitsByPatientAndDropsLateral() throws Exception {
        Dataset dataset = importChexpert(chexpert(), "ignore");
        Map<String, Split> splitOfPatient = new HashMap<>();

        for (int i = 0; i < dataset.size(); i++) {
            SampleInfo sample = dataset.sample(i);
            Split earlier = splitOfPatient.putIfAbsent(sample.groupKey(), sample.split());
            assertThat(earlier).isIn(null, sample.split());
        }
        assertThat(dataset.size()).isEqualTo(5);
        assertThat(dataset.sample(4).split()).isEqualTo(Split.TEST);
        assertThat(dataset.sample(4).groupKey()).isEqualTo(Pseudonyms.key("patient", "patient00005"));
    }

    @Test
    void chestXray14BoxesBecomeMasks() throws Exception {
        Path root = folder.resolve("nih");
        for (String name : new String[] {"00000001_000.png", "00000001_001.png", "00000002_000.png"}) {
            Fixtures.greyImage(root.resolve("images_001/images/" + name), 100, 100, 80);
        }
        Fixtures.text(root.resolve("Data_Entry_2017.csv"), """
                Image Index,Finding Labels,Follow-up #,Patient ID,Patient Age,Patient Gender,View Position
                00000001_000.png,Cardiomegaly|Effusion,0,1,58,M,PA
                00000001_001.png,No Finding,1,1,58,M,PA
                00000002_000.png,Mass,0,2,81,F,AP
                """);
        Fixtures.text(root.resolve("BBox_List_2017.csv"), """
                Image Index,Finding Label,Bbox [x,y,w,h],,,
                00000002_000.png,Mass,50,0,50,25,,,
                """);
        Fixtures.text(root.resolve("test_list.txt"), "00000002_000.png\n");
        DatasetImporter<Record> importer = importer("ChestXray14Importer");

        Dataset dataset = importer.importDataset(
                        Fixtures.request(root, folder.resolve("cache"), 20), importer.defaultParameters())
                .dataset();
        INDArray mask = dataset.mask(2).orElseThrow();

        assertThat(dataset.sample(0).labels()).containsExactly(0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        assertThat(dataset.sample(1).labels()).containsOnly(0f);
        assertThat(dataset.sample(2).split()).isEqualTo(Split.TEST);
        assertThat(dataset.mask(0)).isEmpty();
        assertThat(mask.getFloat(0, 19)).isEqualTo(1f);
        assertThat(mask.getFloat(4, 10)).isEqualTo(1f);
        assertThat(mask.getFloat(0, 9)).isEqualTo(0f);
        assertThat(mask.getFloat(5, 19)).isEqualTo(0f);
        assertThat(mask.sumNumber().doubleValue()).isEqualTo(50.0);
    }

    private Path chexpert() {
        Path root = folder.resolve("CheXpert-v1.0-small");
        String header = "Path,Sex,Age,Frontal/Lateral,AP/PA,No Finding,Enlarged Cardiomediastinum,Cardiomegaly,"
                + "Lung Opacity,Lung Lesion,Edema,Consolidation,Pneumonia,Atelectasis,Pneumothorax,"
                + "Pleural Effusion,Pleural Other,Fracture,Support Devices\n";
        StringBuilder train = new StringBuilder(header);
        for (int patient = 1; patient <= 4; patient++) {
            String image = String.format("CheXpert-v1.0-small/train/patient%05d/study1/view1_frontal.jpg", patient);
            Fixtures.greyImage(folder.resolve(image), 32, 24, 40 * patient);
            String edema = patient == 2 ? "-1.0" : "";
            train.append(image)
                    .append(",Female,50,Frontal,PA,,,1.0,,,")
                    .append(edema)
                    .append(",,,,,,,,\n");
        }
        String lateral = "CheXpert-v1.0-small/train/patient00001/study1/view2_lateral.jpg";
        Fixtures.greyImage(folder.resolve(lateral), 32, 24, 10);
        train.append(lateral).append(",Female,50,Lateral,,,,1.0,,,,,,,,,,,\n");
        Fixtures.text(root.resolve("train.csv"), train.toString());
        String valid = "CheXpert-v1.0-small/valid/patient00005/study1/view1_frontal.jpg";
        Fixtures.greyImage(folder.resolve(valid), 32, 24, 200);
        Fixtures.text(root.resolve("valid.csv"), header + valid + ",Male,70,Frontal,AP,1.0,,,,,,,,,,,,,\n");
        return root;
    }

    private Dataset importChexpert(Path root, String policy) throws Exception {
        DatasetImporter<Record> importer = importer("CheXpertImporter");
        Record parameters = ParameterBinder.bind(importer.defaultParameters(), Map.of("uncertainty", policy), "");
        return importer.importDataset(Fixtures.request(root, folder.resolve("cache"), 16), parameters)
                .dataset();
    }

    private static float edema(Dataset dataset, String patient) {
        String group = Pseudonyms.key("patient", patient);
        int edema = dataset.manifest().labels().indexOf("Edema");
        for (int i = 0; i < dataset.size(); i++) {
            if (dataset.sample(i).groupKey().equals(group)) {
                return dataset.sample(i).labels()[edema];
            }
        }
        throw new AssertionError("no sample of " + patient);
    }

    @SuppressWarnings("unchecked")
    static DatasetImporter<Record> importer(String className) throws InterruptedException {
        return Fixtures.service(
                DatasetImporter.class,
                candidate -> candidate.getClass().getSimpleName().equals(className));
    }
}
