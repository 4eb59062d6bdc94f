print("constraint-app runs")
