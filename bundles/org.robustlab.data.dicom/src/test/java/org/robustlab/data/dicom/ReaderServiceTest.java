package org.robustlab.data.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/** The reader is registered as an OSGi service and decodes JPEG 2000 through the embedded codec. */
class ReaderServiceTest {

    @Test
    void readerServiceDecodesJpeg2000() throws InterruptedException {
        BundleContext context = FrameworkUtil.getBundle(ReaderServiceTest.class).getBundleContext();
        ServiceTracker<DicomReader, DicomReader> tracker = new ServiceTracker<>(context, DicomReader.class, null);
        tracker.open();
        try {
            DicomReader reader = tracker.waitForService(TimeUnit.SECONDS.toMillis(10));

            assertThat(reader).isNotNull();
            assertThat(reader.read(TestData.file("pydicom/MR_small_jp2klossless.dcm"))
                            .storedValues(0))
                    .hasSize(64 * 64);
        } finally {
            tracker.close();
        }
    }
}
