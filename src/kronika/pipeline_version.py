"""The version of the analysis. Bump it when a component's output changes, so
`kronika ingest` re-analyses stored documents and `kronika reanalyze` finds them."""

PIPELINE_VERSION = "2"  # 2: events gain fatalities, background status, new ACLED mapping
