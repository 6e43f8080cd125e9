"""Month 10: the month-6 champion as a REST service, with a durable prediction log.

``create_app(settings)`` builds the FastAPI application; ``aieng serve`` runs it with uvicorn::

    from aieng.serve.app import create_app
    from aieng.serve.settings import ServeSettings
    app = create_app(ServeSettings(model="churn@champion"))

Importing this package is cheap: FastAPI, MLflow and scikit-learn load with the app.
"""
