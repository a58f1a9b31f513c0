"""The July 2022 bulletin as demo data (`manage.py load_demo`) and a large generated data set
(`manage.py generate_data`, for the benchmarks)."""
