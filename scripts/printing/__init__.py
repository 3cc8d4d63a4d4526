"""Print material: leaflets, flyers and QR posters rendered with WeasyPrint from the same data as the site."""
