"""Month 5: customer segmentation with clustering, PCA maps, plain-word profiles and anomalies.

Read in this order: ``features`` (scale and encode), ``choose_k`` (elbow and silhouette),
``cluster`` (K-Means against a Gaussian mixture, Ward and other seeds), ``projection`` (our PCA
against scikit-learn's), ``profile`` (segments in words), ``anomaly`` (Isolation Forest and LOF),
then ``analysis`` (all of it on one table), ``report`` and ``project`` (``aieng run m05``).
Importing this package imports nothing heavy; import the modules you need.
"""
